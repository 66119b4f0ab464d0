"""The operations of the quiz engine; each rule lives in one of these modules."""
