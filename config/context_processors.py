def canonical(request):
    """The page's own address without its query string: what search engines should index."""
    return {"canonical_url": request.build_absolute_uri(request.path)}
