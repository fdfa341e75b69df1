"""Ranking promises for a sentence: BM25 over the fields of each promise. Pure Python (no Django).

Each promise is a document of fields (its title, its quote, its topic's name), each a set of
terms with a weight; a sentence is a query whose terms carry weights too (the sentence itself,
the sentences around it, the question it answers). A term found in few of the project's open
promises weighs more, and a promise with many terms needs more of them to rank as high
(BM25's length normalisation). The inverse document frequency is the smoothed one, which never
goes negative: a term every promise holds still counts a little."""

import math

K1 = 1.2
B = 0.75


class BM25:
    """`documents`: (key, {field: set of terms}, how many promises the document stands for)
    triples; `field_weights`: {field: weight}. Promises with the same terms share one document.
    Documents can be added one at a time (`add`): a term's weight in a document is computed when
    first asked for, from the counts so far, and forgotten at the next `add`, so a growing index
    gives the same figures as one built at once from the same documents."""

    def __init__(self, documents, field_weights: dict[str, float]):
        self.field_weights = field_weights
        self.total = 0
        self.frequency: dict[str, int] = {}
        self.length_sum = 0.0
        self.lengths: dict[object, float] = {}
        self.found: dict[object, dict[str, float]] = {}  # key -> {term: weighted term frequency}
        self.weights: dict[object, dict[str, float]] = {}  # computed since the last add
        for key, fields, size in documents:
            self.add(key, fields, size)

    def add(self, key, fields: dict[str, set[str]], size: int = 1) -> None:
        """Add a document, or `size` more promises to a document already there."""
        if key not in self.found:
            found: dict[str, float] = {}
            for name, terms in fields.items():
                for term in terms:
                    found[term] = found.get(term, 0.0) + self.field_weights[name]
            self.found[key] = found
            self.lengths[key] = sum(self.field_weights[name] * len(terms) for name, terms in fields.items())
        self.total += size
        self.length_sum += self.lengths[key] * size
        for term in self.found[key]:
            self.frequency[term] = self.frequency.get(term, 0) + size
        self.weights = {}

    def idf(self, term: str) -> float:
        return 1.0 + math.log((self.total + 1) / (self.frequency.get(term, 0) + 0.5))

    def _weights(self, key) -> dict[str, float]:
        weights = self.weights.get(key)
        if weights is None:
            average = (self.length_sum / self.total) if self.total and self.length_sum else 1.0
            norm = K1 * (1 - B + B * self.lengths[key] / average)
            weights = self.weights[key] = {
                term: self.idf(term) * tf * (K1 + 1) / (tf + norm) for term, tf in self.found[key].items()
            }
        return weights

    def score(self, key, query: dict[str, float]) -> float:
        """The document's score for `query` ({term: weight})."""
        weights = self._weights(key)
        return sum(weight * weights[term] for term, weight in query.items() if term in weights)

    def term_score(self, key, term: str) -> float:
        return self._weights(key).get(term, 0.0)
