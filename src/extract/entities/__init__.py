"""The entity layer over a document, run once before the extractors (issue #18, items 2 and 3).

- ``mentions``: typed mentions (ORG, GOV, PRODUCT, MONEY, DATE, ROUND, LAW) from the gazetteers
  and the shared vocabulary; the trained NER's are added where the pipeline runs;
- ``clusters``: the ORG clusters: full name, short name (以下简称 / 简称 / a bracket), English brand,
  stock code, issuer, and the short forms a text starts using;
- ``anaphora``: who 公司 / 该公司 / 其 / 它 / a missing subject stands for;
- ``layer``: ``DocumentEntities``, the one object an extractor asks (``ctx.entity_layer``), and
  ``company`` / ``party``, the test every record's company goes through: a company is an
  organisation of the document, never a fragment.

``REPORTX_ENTITIES=0`` switches the layer off (ablation).
"""

from .clusters import OrgCluster
from .layer import SWITCH, DocumentEntities, build, enabled
from .mentions import LABELS, Mention

__all__ = ["LABELS", "SWITCH", "DocumentEntities", "Mention", "OrgCluster", "build", "enabled"]
