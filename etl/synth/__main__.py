"""``python -m etl.synth OUT_DIR [--releases N]``: write a synthetic month (see :func:`main`)."""

from etl.synth import main

main()
