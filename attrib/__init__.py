"""attrib: who said it first? Source attribution and media-citation chains in news text."""
from .api import Analysis, analyze
from .load import load
from .outputs import write_analysis
from .version import __version__

__all__ = ["Analysis", "analyze", "load", "write_analysis", "__version__"]
