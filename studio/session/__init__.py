"""The desktop studio's Qt-free half: an editing session's models, testable without a window.

`frontmatter_text` rewrites the story's front matter key by key; `analysis` turns a text into its
project, plan and predicted verdict (off the UI thread); `recovery` keeps the unsaved text through a
crash; `story_info` reads a library entry's facts and verdicts; `media_drop` copies dropped files
into the story's `media/`; `frame_source` is the Protocol the preview panel draws from. `studio.gui`
holds the widgets over them; nothing here imports Qt (an import-linter contract)."""
