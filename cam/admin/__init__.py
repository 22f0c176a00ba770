"""Admin of client acquisition: campaigns, leads, suppressions and outreach plans.

Every write goes through :mod:`cam.services`. Django's autodiscovery imports this
package; importing the modules below registers their ``ModelAdmin`` classes.
"""

from cam.admin import campaigns, leads, outreach, suppression

__all__ = ("campaigns", "leads", "outreach", "suppression")
