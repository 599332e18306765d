"""The Textual UI of ectui: a thin App, one module per screen, forms, widgets and styles."""

import os

# Textual's frame clock, set before Textual is imported (it reads it once). After a frame
# that took longer than a period (a layout of a card), the next frame comes one to two
# periods later: at Textual's 60 fps each further step of a card's opening waited 17–33 ms
# (benchmarks/RESULTS.md section 18). Frames are still drawn only when something changed,
# so 120 costs nothing while the screen is still. A TEXTUAL_FPS of one's own wins.
os.environ.setdefault("TEXTUAL_FPS", "120")
