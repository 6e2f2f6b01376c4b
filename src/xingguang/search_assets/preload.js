/* 星光: lunr's language support for the site's search language
   (lunr.stemmer.support.min.js and lunr.zh.min.js for Chinese) is part of this
   file, just above: Material's worker would import it with importScripts() only
   once the reader has opened the search, two more requests to the school's
   server that the phone waits for, each a round trip on a mobile network, before
   the index can be built. So importScripts skips the files already here
   (xgPreloaded holds their names, written by src/xingguang/search.py) and
   imports any other as before. */
(function (preloaded) {
  var importScripts = self.importScripts;
  self.importScripts = function () {
    var rest = Array.prototype.filter.call(arguments, function (url) {
      return preloaded.indexOf(String(url).split("/").pop()) < 0;
    });
    if (rest.length) return importScripts.apply(self, rest);
  };
})(xgPreloaded);
