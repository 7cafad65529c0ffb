"""Open edX XBlocks for talent development: thin views over :mod:`talent_core`.

Shared parts (see docs/xblocks.md): :mod:`.mixins` (rendering, translations, JSON handlers,
events, staff checks), :mod:`.framework_source` (which framework a block shows), :mod:`.i18n`
(the blocks' own gettext catalogs) and :mod:`.compat` (the only place that imports Open edX).
"""
