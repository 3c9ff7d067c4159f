"""Random-program differential testing: random irtk programs, run in FAST_COMPILE and FAST_RUN, against numpy."""
