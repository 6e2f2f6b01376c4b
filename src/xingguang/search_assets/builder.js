/* 星光: the same lunr index as Material's search worker builds, built in a third
   of the time (appended to our copy of the worker by src/xingguang/search.py;
   tests/browser/test_search_worker.py checks that both workers answer every query
   of the parents' set identically).

   Why: on a phone the worker builds its index after the reader taps the
   magnifier, and at ten years of activities that build was most of the wait
   (benchmarks/search.py; docs/performance.md). lunr's builder turns every word of
   every page into objects (a token, its metadata, a position table entry, the
   position list) although Material needs positions only to highlight the words
   of the few pages a query finds. So for each field of each page this builder

   1. counts the words with one scan of the text, cut exactly as Material's
      tokenizer cuts it (text between tags, split at the index's separator,
      lower-cased), giving lunr's term indices, frequencies and field lengths in
      the same order;
   2. leaves the positions to be found when a query first needs them: where
      lunr keeps { position: [...] } per term, field and page, the index holds
      the field's LazyField, and when a query finds the page, MatchData has it
      run Material's own tokenizer on that one field (filling Material's
      position table for it, as the build would have);
   3. computes each field's vector when a query first reads it, already
      sorted (lunr inserts term by term, with a binary search and an array
      splice each).

   Anything this was not written for takes lunr's own way: another lunr
   version, another metadata whitelist, a pipeline step that is not the
   identity, a segmenter (Japanese); a field that is not a string is cut by
   Material's tokenizer at once, as before. */
(function (lunr) {
  "use strict";
  if (!lunr || lunr.version !== "2.3.9" || !lunr.Builder || !lunr.tokenizer) return;
  var Builder = lunr.Builder.prototype;
  var lunrAdd = Builder.add;
  var lunrCreateFieldVectors = Builder.createFieldVectors;

  /* Pipeline steps that return their token unchanged: lunr-languages' Chinese
     "stemmer" (Material keeps the stemmer unless the search plugin's pipeline
     option drops it). */
  function isIdentityPipeline(pipeline) {
    var stack = pipeline._stack;
    for (var i = 0; i < stack.length; i++) {
      if (!(lunr.zh && stack[i] === lunr.zh.stemmer)) return false;
    }
    return true;
  }

  function canBuildFast(builder) {
    return builder.metadataWhitelist.length === 1 && builder.metadataWhitelist[0] === "position" &&
      lunr.tokenizer.separator instanceof RegExp && lunr.segmenter === undefined &&
      isIdentityPipeline(builder.pipeline);
  }

  /* The words of one field as Material's tokenizer (internal/tokenize) finds
     them: its extract() walks the text and treats what lies between a "<" and
     a ">" as markup, the rest as text sections; each section is split at the
     separator (internal/_ split()) and every piece lower-cased. */
  function wordsOf(input, separator) {
    var words = [];
    var start = 0, end = 0;
    for (; end < input.length; end++) {
      var char = input.charCodeAt(end);
      if (char === 60 /* < */ && end > start) {
        splitSection(input.slice(start, end), separator, words);
        start = end;
      } else if (char === 62 /* > */) {
        start = end + 1;
      }
    }
    if (end > start) splitSection(input.slice(start, end), separator, words);
    return words;
  }

  function splitSection(section, separator, words) {
    separator.lastIndex = 0;
    var index = 0, match;
    do {
      match = separator.exec(section);
      var until = match ? match.index : section.length;
      if (index < until) words.push(section.slice(index, until).toLowerCase());
      if (match) {
        index = match.index + match[0].length;
        if (match[0].length === 0) separator.lastIndex = match.index + 1;
      }
    } while (match);
  }

  /* One field of one page: the positions of its words, found on first use. */
  function LazyField(builder, value, table, fieldName) {
    this.tokenizer = builder.tokenizer;
    this.pipeline = builder.pipeline;
    this.value = value;
    this.table = table;
    this.fieldName = fieldName;
    this.positions = null;
  }

  LazyField.prototype.positionsOf = function (term) {
    if (this.positions === null) {
      var positions = Object.create(null);
      var saved = lunr.tokenizer.table;
      lunr.tokenizer.table = this.table;
      try {
        var terms = this.pipeline.run(this.tokenizer(this.value, { fields: [this.fieldName] }));
        for (var i = 0; i < terms.length; i++) {
          var key = terms[i].toString();
          (positions[key] || (positions[key] = [])).push(terms[i].metadata.position);
        }
      } finally {
        lunr.tokenizer.table = saved;
      }
      this.positions = positions;
      this.tokenizer = this.pipeline = this.value = this.table = null;
    }
    return this.positions[term] || [];
  };

  /* lunr keeps { position: [...] } per term, field and page, and hands it to
     MatchData with the term when a query finds the page. Here the index holds
     the page's LazyField instead (one object per field, not one per word), and
     MatchData, given one, asks it for that term's positions. */
  var LunrMatchData = lunr.MatchData;
  var lunrMatchDataAdd = LunrMatchData.prototype.add;

  function resolved(term, metadata) {
    return metadata instanceof LazyField ? { position: metadata.positionsOf(term) } : metadata;
  }

  lunr.MatchData = function (term, field, metadata) {
    LunrMatchData.call(this, term, field, resolved(term, metadata));
  };
  lunr.MatchData.prototype = LunrMatchData.prototype;
  LunrMatchData.prototype.add = function (term, field, metadata) {
    return lunrMatchDataAdd.call(this, term, field, resolved(term, metadata));
  };

  /* One field of one page as added: lunr's term indices of its words, in the
     order they first occur, and how often each occurs. */
  function AddedField(fieldRef, fieldName, docRef, length) {
    this.fieldRef = fieldRef;
    this.fieldName = fieldName;
    this.docRef = docRef;
    this.length = length;
    this.terms = [];
    this.counts = [];
  }

  Builder.add = function (doc, attributes) {
    // Decided once, at the first page: every page of an index is built the same way.
    if (this.xgAdded === undefined) {
      this.xgAdded = canBuildFast(this) ? [] : null;
      // Which way the last index was built, for tests and the curious.
      self.xgIndexBuild = this.xgAdded ? "星光" : "lunr";
      this.xgPages = []; // per term index: the (field, page) pairs that have the term, for lunr.idf
      this.xgSlots = new Map();
    }
    if (this.xgAdded === null) return lunrAdd.call(this, doc, attributes);
    var docRef = doc[this._ref];
    var fields = Object.keys(this._fields);
    var separator = new RegExp(lunr.tokenizer.separator, "g");
    var slots = this.xgSlots;
    this._documents[docRef] = attributes || {};
    this.documentCount += 1;
    for (var i = 0; i < fields.length; i++) {
      var fieldName = fields[i];
      var extractor = this._fields[fieldName].extractor;
      var value = extractor ? extractor(doc) : doc[fieldName];
      var words, lazy = null;
      if (value === undefined || value === null) {
        words = [];
      } else if (typeof value === "string") {
        words = wordsOf(value, separator);
        // Material's extractor has just set up this field's (empty) position table.
        lazy = new LazyField(this, value, lunr.tokenizer.table, fieldName);
      } else {
        words = this.pipeline.run(this.tokenizer(value, { fields: [fieldName] }));
      }
      var fieldRef = fieldName + lunr.FieldRef.joiner + docRef;
      var added = new AddedField(fieldRef, fieldName, docRef, words.length);
      this.xgAdded.push(added);
      this.fieldLengths[fieldRef] = words.length;
      slots.clear();
      for (var j = 0; j < words.length; j++) {
        var key = lazy ? words[j] : words[j].toString();
        var slot = slots.get(key);
        if (slot === undefined) {
          var posting = this.invertedIndex[key];
          if (posting === undefined) {
            posting = Object.create(null);
            posting._index = this.termIndex;
            this.termIndex += 1;
            for (var k = 0; k < fields.length; k++) posting[fields[k]] = Object.create(null);
            this.invertedIndex[key] = posting;
            this.xgPages.push(0);
          }
          slot = added.terms.length;
          slots.set(key, slot);
          added.terms.push(posting._index);
          added.counts.push(0);
          var byDoc = posting[fieldName];
          if (byDoc[docRef] === undefined) {
            byDoc[docRef] = lazy || Object.create(null);
            this.xgPages[posting._index] += 1;
          }
        }
        added.counts[slot] += 1;
        if (!lazy) {
          var metadata = this.invertedIndex[key][fieldName][docRef];
          (metadata.position || (metadata.position = [])).push(words[j].metadata.position);
        }
      }
    }
  };

  /* lunr.idf, from the count of (field, page) pairs kept while adding rather
     than by listing every posting's pages again. */
  function inverseDocumentFrequency(documentsWithTerm, documentCount) {
    var x = (documentCount - documentsWithTerm + 0.5) / (documentsWithTerm + 0.5);
    return Math.log(1 + Math.abs(x));
  }

  /* lunr's scores for one field of one page, computed as lunr's
     createFieldVectors computes them, with the vector's elements sorted once
     instead of inserted one by one (a binary search and an array splice each). */
  function Scoring(builder) {
    this.k1 = builder._k1;
    this.b = builder._b;
    this.fields = builder._fields;
    this.documents = builder._documents;
    this.documentCount = builder.documentCount;
    this.averageFieldLength = builder.averageFieldLength;
    this.pages = builder.xgPages;
    this.idfs = new Array(builder.termIndex);
  }

  Scoring.prototype.vectorOf = function (added) {
    var k1 = this.k1, b = this.b;
    var fieldBoost = this.fields[added.fieldName].boost || 1;
    var docBoost = this.documents[added.docRef].boost || 1;
    var lengthNorm = k1 * (1 - b + b * (added.length / this.averageFieldLength[added.fieldName]));
    var count = added.terms.length;
    var scores = new Array(count);
    var order = new Array(count);
    for (var j = 0; j < count; j++) {
      var termIndex = added.terms[j];
      var tf = added.counts[j];
      var idf = this.idfs[termIndex];
      if (idf === undefined) idf = this.idfs[termIndex] = inverseDocumentFrequency(this.pages[termIndex], this.documentCount);
      var score = idf * ((k1 + 1) * tf) / (lengthNorm + tf);
      score *= fieldBoost;
      score *= docBoost;
      scores[j] = Math.round(score * 1000) / 1000;
      // The term index and the term's place here sorted together, as one number.
      order[j] = termIndex * count + j;
    }
    order.sort(function (x, y) { return x - y; });
    var elements = new Array(count * 2);
    for (var p = 0; p < count; p++) {
      var at = order[p] % count;
      elements[2 * p] = (order[p] - at) / count;
      elements[2 * p + 1] = scores[at];
    }
    return new lunr.Vector(elements);
  };

  /* A query reads the vectors of the fields it found (and lists them all only
     for a query that is all exclusions), so each vector is computed when it is
     first read: at ten years most of the thousands are never needed. lunr
     reads fieldTermFrequencies to compute them; the fast add leaves it empty. */
  function defineVector(fieldVectors, added, scoring) {
    Object.defineProperty(fieldVectors, added.fieldRef, {
      configurable: true,
      enumerable: true,
      get: function () {
        var vector = scoring.vectorOf(added);
        Object.defineProperty(fieldVectors, added.fieldRef, {
          value: vector, writable: true, configurable: true, enumerable: true
        });
        return vector;
      }
    });
  }

  Builder.createFieldVectors = function () {
    if (!this.xgAdded) return lunrCreateFieldVectors.call(this);
    var fieldVectors = {};
    var scoring = new Scoring(this);
    for (var i = 0; i < this.xgAdded.length; i++) defineVector(fieldVectors, this.xgAdded[i], scoring);
    this.fieldVectors = fieldVectors;
    this.xgAdded = this.xgPages = this.xgSlots = undefined;
  };
})(self.lunr);
