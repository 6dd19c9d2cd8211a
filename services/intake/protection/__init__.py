"""Protection of survivors' personal data at rest: keys, encryption, blind indexes, masks.

Pure functions and small classes over bytes and dicts: nothing here touches Flask or the
database, so every rule is unit-tested on its own and the handlers only compose them.
"""
