"""The CRAFT course: index, modules, units and member progress (filled by the course issue)."""
