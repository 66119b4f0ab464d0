from .people import (
    AdminUnitFactory,
    OrganisationFactory,
    TargetGroupFactory,
    UserFactory,
    make_unit,
)

__all__ = [
    "AdminUnitFactory",
    "OrganisationFactory",
    "TargetGroupFactory",
    "UserFactory",
    "make_unit",
]
