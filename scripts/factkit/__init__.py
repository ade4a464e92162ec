"""factkit: load, check and publish the damascus-facts data package."""
