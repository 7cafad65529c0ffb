"""The xblock-sdk workbench as this project's LMS stand-in (``make demo``, the block tests):
settings, staff-aware users, languages and a one-row-per-user store.

Development only: the wheel leaves this package out (setup.cfg), so nothing here reaches an
Open edX image. ``DJANGO_SETTINGS_MODULE=xblocks.workbench.settings``.
"""
