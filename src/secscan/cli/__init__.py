"""The command-line interface (click): options in, library calls, renderings out."""
