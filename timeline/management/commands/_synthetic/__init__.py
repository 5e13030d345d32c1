"""The synthetic dataset behind ``manage.py generate_synthetic`` (not a command: the
leading underscore keeps Django from listing it).

- ``vocab``: the words and name parts the text is made of (our own);
- ``dates``: EDTF dates at mixed precisions with their derived bounds;
- ``world``: actors, positions, taxonomy, outlets, treaties and their actions;
- ``stories``: events, participants, statements, sources and citations;
- ``copyfiles``: rows written as COPY text, one temporary file per table;
- ``load``: the bulk load (indexes and constraints dropped, rebuilt, ANALYZE).
"""
