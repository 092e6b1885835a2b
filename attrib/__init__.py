"""attrib: who said it first? Source attribution and media-citation chains in news text."""
from .api import Analysis, analyze, write_analysis

__all__ = ["Analysis", "analyze", "write_analysis"]
__version__ = "0.1.0"
