"""CAM: client acquisition, with campaigns and leads."""
