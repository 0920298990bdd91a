"""Cases, evidence and the audit log: what moderators work from."""
