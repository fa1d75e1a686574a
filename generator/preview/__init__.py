"""The author's loop: ``guide serve``, incremental and fast-path rebuilds, the editor's check, ``guide new``.

Layer 9, above ``build``: these drive the pipeline; nothing in the pipeline
imports them. Only ``cli`` sits above.
"""
