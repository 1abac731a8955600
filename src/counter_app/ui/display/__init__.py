"""The hall display board: latest call, recent calls, counters, waiting counts, notice, loudspeaker."""
