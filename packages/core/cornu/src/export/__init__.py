"""Export for deployment: SavedModel, ONNX, OpenVINO, LiteRT, torch."""
