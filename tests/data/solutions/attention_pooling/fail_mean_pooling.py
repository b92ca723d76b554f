# expect: differs from the reference
# Masked mean pooling: padding gets 0 and each sequence's weights sum to 1, but the scores are ignored.
def attention_pooling(hs, mask, W, b, v):
    weights = mask / mask.sum(axis=0, keepdims=True)
    context = (weights[:, :, None] * hs).sum(axis=0)
    return context, weights
