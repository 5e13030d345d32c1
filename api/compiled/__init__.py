"""The compiled read path: one SQL statement per read operation, its JSON built by PostgreSQL.

``extension.CompiledReads`` decides per operation; ``compiler`` walks the
selection and nests the Django querysets the strawberry path would run;
``sqlvalues`` renders each leaf exactly as strawberry serialises it.
"""
