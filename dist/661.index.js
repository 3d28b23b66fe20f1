export const id = 661;
export const ids = [661];
export const modules = {

/***/ 6661:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   run: () => (/* binding */ run)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6288);
/* harmony import */ var _settings_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8750);
/* harmony import */ var _steps_cancel_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5665);
/* harmony import */ var _report_outputs_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5468);
/* harmony import */ var _util_values_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7656);
/** The post step (`post-if: cancelled()`): settings → stop a run the main step left behind → one setFailed. */





async function run() {
    try {
        // Read only when there is a run to stop, and then once.
        let settings;
        const createSettings = () => (settings ??= readCreateSettings());
        await (0,_steps_cancel_js__WEBPACK_IMPORTED_MODULE_2__/* .stopLeftoverRun */ .Bb)({
            saved: (0,_report_outputs_js__WEBPACK_IMPORTED_MODULE_3__/* .savedJob */ .V5)(),
            settings: createSettings,
            connect: async () => {
                const { connect } = await __webpack_require__.e(/* import() */ 833).then(__webpack_require__.bind(__webpack_require__, 4833));
                return connect(createSettings());
            },
            log: message => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(message)
        });
    }
    catch (error) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setFailed */ .C1(`Could not stop the training job after the cancel: ${(0,_util_values_js__WEBPACK_IMPORTED_MODULE_4__/* .errorMessage */ .g)(error)}`);
    }
}
function readCreateSettings() {
    const settings = (0,_settings_js__WEBPACK_IMPORTED_MODULE_1__/* .readSettings */ .sb)();
    // validate_only never creates a job, so a saved job comes with create settings.
    if (settings.validateOnly)
        throw new Error('validate_only is set: this step created no job to stop.');
    return settings;
}


/***/ })

};
