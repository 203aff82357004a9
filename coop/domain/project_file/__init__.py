"""A whole project as one versioned JSON file, and back: backup, moving, sending.

Everything a project's pages compute from — members, services, participation, baselines with
their basis, travel entered for it, assumptions, policies, keys, options, agreement versions
and adoptions, and the change log — in coop's own format. The file says which format version
it is; a newer version than this coop reads, or a damaged file, is refused with a message
naming what is wrong and where.
"""
