"""Figures straight from their publishers (issue 16): reading the World Bank's and UN DESA's
own files. Nothing here writes.

    publisher_file = read_publisher_file(data, filename)   # or PublisherFileRefused
"""

from profiles.publishers.reading import read_publisher_file
from profiles.publishers.records import Observation, PublisherFile, PublisherFileRefused

__all__ = ["Observation", "PublisherFile", "PublisherFileRefused", "read_publisher_file"]
