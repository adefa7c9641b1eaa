"""Deal Briefing: the Qt-free engine that turns deal files into Arabic PDF reports."""

__version__ = "0.1.0"
