"""Capture from real devices: cameras and streams, scanners (SANE), reader drop folders,
multi-light sets, and the quality gates that tell the officer what to fix.

The contract every source keeps is in ``types.py``; docs/capture.md describes the package.
"""
