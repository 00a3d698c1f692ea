"""The PAPI plan tracker and the quarterly report (app label `papi`)."""
