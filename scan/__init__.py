"""`make scan`: Debian's wapiti and sqlmap against both apps on loopback."""
