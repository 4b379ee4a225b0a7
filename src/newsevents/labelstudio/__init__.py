"""Label Studio round trip: taxonomy -> labeling config, documents -> tasks with predictions,
exported annotations -> validated layers merged back into corpus/.

Modules, one job each: `config` (XML from the taxonomy), `tasks` (documents to tasks),
`convert` (Label Studio results <-> spans), `merge` (annotations into a document),
`server` (the SDK calls), `pull` (export, merge, validate, write).
"""

# Names shared by the labeling config, the tasks and the converter: one place, so they agree.
TEXT_NAME = "text"
ENTITY_CONTROL = "entity"
TRIGGER_CONTROL = "trigger"
DEFAULT_PROJECT = "newsevents"
# What one task covers; the first is the default. Here, not in `tasks`, so the CLI can offer the
# choices without importing the converter and the segmenter.
GRANULARITIES = ("document", "sentence")
