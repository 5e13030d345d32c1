"""``import_data``: load a full export (JSON Lines, or the CSV package) into an empty database.

Everything is read and checked first (types, required values, choices, dates,
ids, references, excerpts, the models' own field validation); every problem is
reported with its file and line. Only a clean file is written, in one
transaction, keeping the exported ids and timestamps.
"""

from api.exports.importer.readers import read_path
from api.exports.importer.validate import ImportFailed, validate
from api.exports.importer.write import write

__all__ = ["ImportFailed", "import_path", "read_path", "validate", "write"]


def import_path(path) -> dict[str, int]:
    """Read, validate and write ``path``; raise ImportFailed listing every error."""
    records, errors = read_path(path)
    errors += validate(records)
    if errors:
        raise ImportFailed(errors)
    return write(records)
