"""Travel links, the travel network, who hosts what for whom, and printable SVG maps."""
