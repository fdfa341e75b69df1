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
    triples; `field_weights`: {field: weight}. Promises with the same terms share one document."""

    def __init__(self, documents, field_weights: dict[str, float]):
        documents = list(documents)
        frequency: dict[str, int] = {}
        lengths, total, length_sum = {}, 0, 0.0
        for key, fields, size in documents:
            lengths[key] = sum(field_weights[name] * len(terms) for name, terms in fields.items())
            total += size
            length_sum += lengths[key] * size
            for term in set().union(*fields.values()):
                frequency[term] = frequency.get(term, 0) + size
        self.total = total
        self.frequency = frequency
        average = (length_sum / total) if total and length_sum else 1.0
        self.weights: dict[object, dict[str, float]] = {}
        for key, fields, _ in documents:
            norm = K1 * (1 - B + B * lengths[key] / average)
            found: dict[str, float] = {}
            for name, terms in fields.items():
                for term in terms:
                    found[term] = found.get(term, 0.0) + field_weights[name]
            self.weights[key] = {
                term: self.idf(term) * tf * (K1 + 1) / (tf + norm) for term, tf in found.items()
            }

    def idf(self, term: str) -> float:
        return 1.0 + math.log((self.total + 1) / (self.frequency.get(term, 0) + 0.5))

    def score(self, key, query: dict[str, float]) -> float:
        """The document's score for `query` ({term: weight})."""
        weights = self.weights[key]
        return sum(weight * weights[term] for term, weight in query.items() if term in weights)

    def term_score(self, key, term: str) -> float:
        return self.weights[key].get(term, 0.0)
