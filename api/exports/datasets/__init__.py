"""The export datasets: their columns, their visible rows, what marks them changed."""

from api.exports.datasets.base import Column, Dataset, Dependency
from api.exports.datasets.definitions import DATASETS, get_dataset

__all__ = ["DATASETS", "Column", "Dataset", "Dependency", "get_dataset"]
