"""Budget CSV import (pandas): decode, read, map columns and codes, convert, report."""
