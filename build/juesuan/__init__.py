"""juesuan: Chinese government final-account disclosures as open data."""

__version__ = "0.2.0"
