"""The citizen rating screen of a counter (`counter-app rating --counter N`)."""
