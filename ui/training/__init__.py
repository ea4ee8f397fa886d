"""Training mode (issue 8) in the window: trainers build and score sessions, trainees take
them blind. The engine side is ``docexam.training``; this package only shows it."""

from ui.training.workspace import TrainingWorkspace

__all__ = ["TrainingWorkspace"]
