"""`theano.sandbox`: where Theano programs import `rng_mrg.MRG_RandomStreams` from."""
