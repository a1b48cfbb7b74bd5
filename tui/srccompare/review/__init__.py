"""The reviewer's annotations: model, YAML codec and store, re-anchoring, exports."""
