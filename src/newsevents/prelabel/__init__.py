"""Pre-labeling: proposed entities and events that annotators correct instead of starting from zero.

`RuleLabeler` (labeler.py) makes the proposals; `predict_document` / `prelabel_document` /
`prelabel_corpus` (apply.py) decide where they go; the data it matches with lives in
schema/prelabel/ (resources.py).
"""

from .apply import layer_name, predict_document, prelabel_corpus, prelabel_document
from .labeler import RuleLabeler

__all__ = ["RuleLabeler", "layer_name", "predict_document", "prelabel_corpus", "prelabel_document"]
