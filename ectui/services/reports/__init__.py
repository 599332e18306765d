"""Control and analysis: the sales funnel and the reference funnel, ABC analysis, employee
activity, results of operational tasks, sales volumes and money, the client base structure.

Every report aggregates in the database (GROUP BY), takes a ``Context`` and a
``ReportFilter``, applies the actor's ``reports`` scope, and returns frozen dataclasses.
"""
