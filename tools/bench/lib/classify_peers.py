"""The two peers ububiko's suggestions are compared with, on the same records and the same
split (scikit-learn, Debian python3-sklearn):

* tf-idf kNN: tf-idf vectors (sublinear tf, accents stripped, lower case), cosine
  similarity, the k most similar training records vote with their similarity. k is taken
  from a small grid on the test records themselves: generous to the peer.
* word-count MLP: the kind of classifier other archiving tools ship (Paperless-ngx: word
  counts fed to scikit-learn's MLPClassifier): counts of words and word pairs, one hidden
  layer of 100, tol 0.01, fixed random state.

Both read the same text ububiko reads: title, correspondent and type, then the text.
"""

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.neural_network import MLPClassifier

KNN_GRID = (1, 3, 5, 10, 20)


def _topk(scores, classes, k=3):
    order = np.argsort(-scores, kind="stable")[:k]
    return [classes[i] for i in order]


def _score(predictions, actual):
    n = len(actual)
    top1 = sum(1 for p, a in zip(predictions, actual) if p and p[0] == a)
    top3 = sum(1 for p, a in zip(predictions, actual) if a in p[:3])
    return {"top1": top1 / n if n else 0.0, "top3": top3 / n if n else 0.0, "test": n}


def knn_predictions(train_texts, train_labels, test_texts, k, exclude_self=False):
    vec = TfidfVectorizer(sublinear_tf=True, strip_accents="unicode", lowercase=True)
    X = vec.fit_transform(train_texts)
    Q = X if exclude_self else vec.transform(test_texts)
    sims = (Q @ X.T).toarray()
    if exclude_self:
        np.fill_diagonal(sims, -1)
    classes = sorted(set(train_labels))
    index = {c: i for i, c in enumerate(classes)}
    labels = np.array([index[c] for c in train_labels])
    out = []
    for row in sims:
        near = np.argsort(-row, kind="stable")[:k]
        votes = np.zeros(len(classes))
        for j in near:
            if row[j] > 0:
                votes[labels[j]] += row[j]
        out.append(_topk(votes, classes) if votes.any() else [])
    return out


def knn(train_texts, train_labels, test_texts, test_labels, exclude_self=False):
    """Best k of KNN_GRID on these test records: {"top1", "top3", "test", "k"}."""
    best = None
    for k in KNN_GRID:
        r = _score(knn_predictions(train_texts, train_labels, test_texts, k, exclude_self), test_labels)
        r["k"] = k
        if best is None or (r["top1"], r["top3"]) > (best["top1"], best["top3"]):
            best = r
    return best


def mlp_model():
    return MLPClassifier(hidden_layer_sizes=(100,), tol=0.01, random_state=0, max_iter=200)


def mlp_vectorizer():
    return CountVectorizer(analyzer="word", lowercase=True, ngram_range=(1, 2), min_df=1)


def mlp(train_texts, train_labels, test_texts, test_labels):
    vec = mlp_vectorizer()
    X = vec.fit_transform(train_texts)
    clf = mlp_model().fit(X, train_labels)
    proba = clf.predict_proba(vec.transform(test_texts))
    preds = [_topk(p, list(clf.classes_)) for p in proba]
    return _score(preds, test_labels)


def mlp_leave_one_out(texts, labels):
    preds = []
    for i in range(len(texts)):
        tr_t = texts[:i] + texts[i + 1:]
        tr_l = labels[:i] + labels[i + 1:]
        if len(set(tr_l)) < 2:
            preds.append([])
            continue
        vec = mlp_vectorizer()
        clf = mlp_model().fit(vec.fit_transform(tr_t), tr_l)
        preds.append(_topk(clf.predict_proba(vec.transform([texts[i]]))[0], list(clf.classes_)))
    return _score(preds, labels)
