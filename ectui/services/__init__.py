"""Services: every business rule and access check; they return plain data, never model instances."""
