"""The ticket kiosk (`counter-app kiosk`): citizens pick a field and get a printed queue ticket."""
