"""The reception desk: first-start setup, sign-in, and the intake window."""
