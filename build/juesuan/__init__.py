"""juesuan: Chinese government final-account disclosures as open data."""

__version__ = "0.3.0"
