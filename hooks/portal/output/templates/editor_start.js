// Starts the web editor (Decap CMS) served from this folder; no inline script,
// so the page's policy needs no hash for it.
//
// Decap names a new file in a unit folder after its title, keeping Vietnamese
// letters ("kế-hoạch-….md"), but the portal accepts only ASCII file names
// (lower-case words joined by "-"), starting with the year (plans, reports)
// or the month (news) as the contributor guide asks. Decap offers no option
// for that, so the storage backends are wrapped: a new file whose name is not
// such a slug is given one before it is written, never replacing a file.
"use strict";
window.CMS_MANUAL_INIT = true;

(function () {
  var SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

  function asciiSlug(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐ]/g, "d").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "")
      .slice(0, 80).replace(/-+$/, "") || "van-ban";
  }

  function frontMatterValue(raw, name) {
    var found = new RegExp("^" + name + ":\\s*['\"]?([0-9]{4}(?:-[0-9]{2})?)", "m").exec(raw);
    return found ? found[1] : "";
  }

  function portalName(file) {
    var slash = file.path.lastIndexOf("/");
    var name = file.path.slice(slash + 1).replace(/\.md$/, "");
    if (SLUG.test(name) && /^[0-9]{4}/.test(name)) {
      return null;
    }
    var when = frontMatterValue(file.raw, "date") || frontMatterValue(file.raw, "year");
    var base = asciiSlug(name);
    if (when && base.indexOf(when) !== 0) {
      base = when + "-" + base.replace(/^[0-9]{4}(?:-[0-9]{2})?-/, "");
    }
    return { folder: file.path.slice(0, slash + 1), base: base };
  }

  // GitHub answers 404 for a missing file; decap-server answers data: null.
  async function exists(implementation, path) {
    try {
      var found = await implementation.getEntry(path);
      return Boolean(found && found.data !== null && found.data !== undefined);
    } catch (error) {
      return false;
    }
  }

  function wrap(implementation) {
    var persist = implementation.persistEntry.bind(implementation);
    implementation.persistEntry = async function (entry, options) {
      if (options && options.newEntry) {
        for (var i = 0; i < entry.dataFiles.length; i++) {
          var file = entry.dataFiles[i];
          var name = /\.md$/.test(file.path) ? portalName(file) : null;
          if (!name) {
            continue;
          }
          var candidate = name.folder + name.base + ".md";
          for (var n = 2; n < 100 && await exists(implementation, candidate); n++) {
            candidate = name.folder + name.base + "-" + n + ".md";
          }
          entry.dataFiles[i] = Object.assign({}, file, { path: candidate });
        }
      }
      return persist(entry, options);
    };
    return implementation;
  }

  // A field typed into and then emptied stays as "" (or null), which the
  // checker reports as an empty field: such values are left out of the file.
  function withoutEmpty(value) {
    if (value && typeof value.toJS === "function" && typeof value.filter === "function") {
      return value.map(withoutEmpty).filter(function (item) {
        return item !== "" && item !== null && item !== undefined;
      });
    }
    return value;
  }

  // Phrases Decap's Vietnamese translation lacks, for the screens an officer
  // meets: lists, groups, the text editor's toolbar, images and files.
  var PHRASES = {
    editor: {
      editorControl: { field: { widgetLabel: "Ô %{widgetLabel}" } },
      editorInterface: { togglePreview: "Bật/tắt xem trước", toggleScrollSync: "Cuộn cùng nhau", toggleNotes: "Bật/tắt ghi chú" },
      editorToolbar: {
        statusInfoTooltipDraft: "Bài đang là bản nháp. Khi viết xong, đổi trạng thái thành «Đang xét duyệt» để gửi duyệt.",
        statusInfoTooltipInReview: "Bài đang được xét duyệt; bạn vẫn có thể sửa tiếp trong lúc chờ.",
      },
      editorWidgets: {
        list: { add: "Thêm %{item}", addType: "Thêm %{item}" },
        object: { expand: "Mở ra", collapse: "Thu gọn" },
        markdown: {
          bold: "Chữ đậm", italic: "Chữ nghiêng", strikethrough: "Gạch ngang", code: "Mã", link: "Liên kết",
          linkPrompt: "Nhập địa chỉ của liên kết", headings: "Đề mục", quote: "Trích dẫn",
          bulletedList: "Danh sách gạch đầu dòng", numberedList: "Danh sách đánh số", addComponent: "Thêm thành phần",
          toggleMode: { rich: "Chuyển sang soạn có định dạng", markdown: "Chuyển sang soạn Markdown" },
        },
        image: {
          chooseMultiple: "Chọn ảnh", chooseUrl: "Chèn từ địa chỉ web", replaceUrl: "Thay bằng địa chỉ web",
          promptUrl: "Nhập địa chỉ của ảnh", addMore: "Thêm ảnh", removeAll: "Bỏ hết ảnh",
        },
        file: {
          chooseMultiple: "Chọn tệp", chooseUrl: "Chèn từ địa chỉ web", replaceUrl: "Thay bằng địa chỉ web",
          promptUrl: "Nhập địa chỉ của tệp", addMore: "Thêm tệp", removeAll: "Bỏ hết tệp",
        },
      },
    },
    collection: {
      // Decap writes a full-width plus, missing from many fonts.
      collectionTop: { newButton: "+ %{collectionLabel}", viewAsList: "Xem dạng danh sách", viewAsGrid: "Xem dạng lưới", groupBy: "Nhóm theo" },
      entries: { unpublishedHeader: "Bài chưa công bố" },
      groups: { other: "Khác", negateLabel: "Không phải %{label}" },
    },
    mediaLibrary: {
      mediaLibraryCard: { copy: "Chép", copyUrl: "Chép địa chỉ", copyPath: "Chép đường dẫn", copyName: "Chép tên", copied: "Đã chép" },
      mediaLibraryModal: { close: "Đóng" },
    },
    ui: { settingsDropdown: { account: "Tài khoản" } },
  };

  function merged(base, extra) {
    var out = Object.assign({}, base);
    Object.keys(extra).forEach(function (key) {
      var value = extra[key];
      out[key] = value && typeof value === "object" ? merged(base && base[key] || {}, value) : value;
    });
    return out;
  }

  window.addEventListener("DOMContentLoaded", function () {
    var CMS = window.CMS;
    var vietnamese = CMS.getLocale && CMS.getLocale("vi");
    if (vietnamese) {
      CMS.registerLocale("vi", merged(vietnamese, PHRASES));
    }
    CMS.registerEventListener({
      name: "preSave",
      handler: function (event) {
        return withoutEmpty(event.entry.get("data"));
      },
    });
    ["github", "git-gateway", "gitea", "gitlab", "proxy"].forEach(function (name) {
      var backend = CMS.getBackend(name);
      if (backend) {
        var init = backend.init;
        backend.init = function () {
          return wrap(init.apply(null, arguments));
        };
      }
    });
    CMS.init();
  });
})();
