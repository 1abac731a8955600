"""The administration window (`counter-app admin`): users, counters, fields, procedures catalog,
holidays, centre identity, printers."""
